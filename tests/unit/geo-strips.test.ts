import { describe, expect, it } from "vitest";
import { GEO_STRIPS_PER_DEGREE, geoStrips } from "@/lib/reports/geo-strips";

describe("geoStrips", () => {
  it("lists every strip a longitude range touches, edges included", () => {
    // 7.5° × 500 = 3750 exactly: the strip starting at 7.5 is 3750, the one just west of it 3749.
    expect(geoStrips(7.5, 7.5)).toEqual([3750]);
    expect(geoStrips(7.4999, 7.5)).toEqual([3749, 3750]);
    expect(geoStrips(7.5, 7.5039)).toEqual([3750, 3751]);
    expect(geoStrips(7.5001, 7.5019)).toEqual([3750]);
  });

  it("floors west of Greenwich too (strip of -0.0001 is -1, not 0)", () => {
    expect(geoStrips(-0.0001, 0.0001)).toEqual([-1, 0]);
  });

  it("gives up on region-wide boxes and on inverted ranges", () => {
    expect(geoStrips(7, 7 + 1000 / GEO_STRIPS_PER_DEGREE - 0.0001)).toHaveLength(1000);
    expect(geoStrips(7, 9.5)).toBeNull();
    expect(geoStrips(8, 7)).toBeNull();
  });
});
