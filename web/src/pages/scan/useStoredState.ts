// A setting a gate keeps across reloads (its event, its name): state mirrored to localStorage.
import { useState } from "react";

export function useStoredState(key: string, initial: string): [string, (value: string) => void] {
  const [value, setValue] = useState(() => localStorage.getItem(key) ?? initial);
  const set = (next: string) => {
    localStorage.setItem(key, next);
    setValue(next);
  };
  return [value, set];
}
