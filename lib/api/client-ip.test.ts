import { describe, expect, it } from "vitest";
import { clientIpFrom, nodeHeaders, UNKNOWN_CLIENT, type TrustedProxy } from "./client-ip";

const headers = (entries: Record<string, string>) => new Headers(entries);

describe("clientIpFrom: a forged x-forwarded-for buys an attacker nothing", () => {
  it.each<[TrustedProxy, Record<string, string>, string]>([
    // Vercel overwrites both headers with the address it saw.
    ["vercel", { "x-real-ip": "203.0.113.7", "x-forwarded-for": "203.0.113.7" }, "203.0.113.7"],
    ["vercel", { "x-forwarded-for": "203.0.113.7" }, "203.0.113.7"],
    // One appending proxy: only its (last) entry counts; whatever the client put before it is ignored.
    ["last-hop", { "x-forwarded-for": "6.6.6.6, 203.0.113.7" }, "203.0.113.7"],
    ["last-hop", { "x-forwarded-for": "203.0.113.7" }, "203.0.113.7"],
    ["last-hop", {}, UNKNOWN_CLIENT],
    // No trusted proxy: the header is the client's claim, so everyone shares one budget.
    ["none", { "x-forwarded-for": "6.6.6.6" }, UNKNOWN_CLIENT],
    ["none", { "x-real-ip": "6.6.6.6" }, UNKNOWN_CLIENT],
    ["none", {}, UNKNOWN_CLIENT],
  ])("%s with %j → %s", (trust, entries, expected) => {
    expect(clientIpFrom(headers(entries), trust)).toBe(expected);
  });

  it("a spoofer rotating x-forwarded-for stays in one bucket unless a proxy is trusted", () => {
    const spoofed = Array.from({ length: 50 }, (_, i) => headers({ "x-forwarded-for": `10.0.0.${i}` }));
    expect(new Set(spoofed.map((h) => clientIpFrom(h, "none"))).size).toBe(1);
    // Behind an appending proxy the rotating prefix changes nothing: the proxy saw one address.
    const proxied = spoofed.map((h) => headers({ "x-forwarded-for": `${h.get("x-forwarded-for")}, 198.51.100.1` }));
    expect(new Set(proxied.map((h) => clientIpFrom(h, "last-hop")))).toEqual(new Set(["198.51.100.1"]));
  });
});

describe("nodeHeaders: a Node request's headers read as Web Headers would", () => {
  it("gives the same address for the same headers, a repeated header included", () => {
    const entries = { "x-real-ip": "203.0.113.7", "x-forwarded-for": "6.6.6.6, 203.0.113.9" };
    for (const trust of ["vercel", "last-hop", "none"] as const)
      expect(clientIpFrom(nodeHeaders(entries), trust)).toBe(clientIpFrom(headers(entries), trust));
    // Node keeps a repeated header as an array; Headers joins the values with ", ".
    const repeated = nodeHeaders({ "x-forwarded-for": ["6.6.6.6", "198.51.100.1"] });
    expect(clientIpFrom(repeated, "last-hop")).toBe("198.51.100.1");
    expect(nodeHeaders({}).get("X-Real-IP")).toBeNull();
  });
});
