import { describe, expect, it } from "vitest";
import { Runs } from "./RowOverview";

describe("Runs", () => {
  it("groups equal neighbouring seat states", () => {
    expect(Runs("AAAHHS")).toEqual([
      { state: "A", start: 0, length: 3 },
      { state: "H", start: 3, length: 2 },
      { state: "S", start: 5, length: 1 },
    ]);
  });
  it("an empty row has no runs", () => {
    expect(Runs("")).toEqual([]);
  });
});
