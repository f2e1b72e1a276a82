"use client";
// "Connection type: Cloud | <on-prem group>" (docs/agent.md). With a group, a connection profile name (one the
// group's agents advertise) replaces the address and credential fields; left empty, the fields are used as
// today and the test runs on an agent of the group. The type is part of the destination (docs/threat-model.md).
import { useId, useState } from "react";
import { Field, SelectField } from "@/components/ui/field";

export interface OnPremGroupOption {
  id: number;
  name: string;
  connectedAgents: number;
  profiles: string[];
}

export function ConnectionTypeSection({
  groups,
  connectionType,
  onConnectionType,
  profile,
  onProfile,
  errorOf,
}: {
  groups: OnPremGroupOption[];
  connectionType: string;
  onConnectionType: (value: string) => void;
  profile: string;
  onProfile: (value: string) => void;
  errorOf: (key: string) => string | undefined;
}) {
  const listId = useId();
  const group = groups.find((g) => String(g.id) === connectionType);
  const asErrors = (key: string) => (errorOf(key) ? [errorOf(key)!] : undefined);
  if (groups.length === 0) return <input type="hidden" name="connectionType" value="cloud" />;
  return (
    <section className="card" aria-labelledby="conn-via">
      <h2 id="conn-via">Connection type</h2>
      <div className="conn-grid">
        <SelectField
          label="Connection type"
          name="connectionType"
          value={connectionType}
          onChange={(e) => onConnectionType(e.target.value)}
          options={[
            { value: "cloud", label: "Cloud" },
            ...groups.map((g) => ({
              value: String(g.id),
              label: `${g.name} (on-prem, ${g.connectedAgents} agent${g.connectedAgents === 1 ? "" : "s"} connected)`,
            })),
          ]}
          errors={asErrors("connectionType")}
        />
        {group && (
          <>
            <Field
              label="Connection profile"
              name="profile"
              value={profile}
              onChange={(e) => onProfile(e.target.value)}
              list={listId}
              maxLength={100}
              hint={
                group.profiles.length
                  ? `Advertised by the group's agents: ${group.profiles.join(", ")}. Leave empty to enter the fields here.`
                  : "No connected agent advertises a profile. Leave empty to enter the fields here."
              }
              errors={asErrors("profile")}
            />
            <datalist id={listId}>
              {group.profiles.map((p) => (
                <option key={p} value={p} />
              ))}
            </datalist>
          </>
        )}
      </div>
    </section>
  );
}

/** The form's connection-type state: what to render, and the settings it adds to the destination. */
export function useConnectionType(stored: Record<string, unknown> | undefined, touch: (key: string) => void) {
  const [connectionType, setConnectionType] = useState(() => String(stored?.onPremGroupId ?? "cloud"));
  const [profile, setProfile] = useState(() => String(stored?.profile ?? ""));
  const usesProfile = connectionType !== "cloud" && profile.trim() !== "";
  const via = connectionType === "cloud" ? {} : { onPremGroupId: Number(connectionType), ...(usesProfile ? { profile: profile.trim() } : {}) };
  const section = {
    connectionType,
    profile,
    onConnectionType: (v: string) => {
      setConnectionType(v);
      touch("connectionType");
    },
    onProfile: (v: string) => {
      setProfile(v);
      touch("profile");
    },
  };
  return { usesProfile, via, section };
}
