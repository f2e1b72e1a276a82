"use client";
// Lets DialogClose close the lazy Dialog without importing Radix (components/ui/dialog.tsx).
import { createContext } from "react";

export const DialogCloseContext = createContext<(() => void) | null>(null);
