// How a zone's share of seats left is shown: colour plus a word, never colour alone.
export type AvailabilityLevel = "plenty" | "some" | "few" | "sold_out";

export function AvailabilityLevelOf(available: number, capacity: number): AvailabilityLevel {
  if (available <= 0) return "sold_out";
  const share = capacity > 0 ? available / capacity : 0;
  if (share < 0.1) return "few";
  if (share < 0.4) return "some";
  return "plenty";
}

export const kLevelColour: Record<AvailabilityLevel, string> = {
  plenty: "#1f7a44",
  some: "#9a5b00",
  few: "#b3261e",
  sold_out: "#66727e",
};
