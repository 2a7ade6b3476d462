import { describe, expect, it } from "vitest";
import { FormatDuration } from "./Countdown";

describe("FormatDuration", () => {
  it("shows m:ss under an hour and h:mm:ss above, rounding up to the second", () => {
    expect(FormatDuration(0)).toBe("0:00");
    expect(FormatDuration(1)).toBe("0:01");
    expect(FormatDuration(61_000)).toBe("1:01");
    expect(FormatDuration(3_600_000 + 5_000)).toBe("1:00:05");
  });
});
