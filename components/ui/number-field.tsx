"use client";
import { useState } from "react";
import { Field } from "./field";

type NumberFieldProps = Omit<React.ComponentProps<typeof Field>, "type" | "value" | "defaultValue" | "onChange" | "required"> & { initial: number };

/** A required number input that keeps what was typed (controlled), so a refused value stays on screen next to its message. */
export function NumberField({ initial, ...field }: NumberFieldProps) {
  const [value, setValue] = useState(String(initial));
  return <Field {...field} type="number" required value={value} onChange={(e) => setValue(e.target.value)} />;
}
