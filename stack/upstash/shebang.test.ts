import { describe, expect, it } from "vitest";
import { stripUpstashShebang } from "./shebang";

describe("stripUpstashShebang (real-Redis backend)", () => {
  it("drops Upstash's allow-key-locking flag and keeps line numbers", () => {
    expect(stripUpstashShebang("#!lua flags=allow-key-locking\n  return 1\n")).toBe("\n  return 1\n");
    expect(stripUpstashShebang("#!lua flags=no-writes,allow-key-locking\nreturn 1")).toBe(
      "#!lua flags=no-writes\nreturn 1",
    );
    expect(stripUpstashShebang("#!lua flags=allow-key-locking")).toBe("");
  });

  it("leaves other scripts alone", () => {
    expect(stripUpstashShebang("return 1")).toBeUndefined();
    expect(stripUpstashShebang("#!lua flags=no-writes\nreturn 1")).toBeUndefined();
    expect(stripUpstashShebang("#!lua\nreturn 1")).toBeUndefined();
    expect(stripUpstashShebang("\n      local pattern = KEYS[1]")).toBeUndefined();
  });
});
