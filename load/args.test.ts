import { describe, expect, it } from "vitest";
import { ArgsError, parseLoadArgs, parseThink, thinkDelayMs } from "./args";

describe("parseLoadArgs", () => {
  it("reads a full command line", () => {
    const args = parseLoadArgs([
      "--url",
      "http://127.0.0.1:3200/",
      "--players",
      "50",
      "--sessions",
      "100",
      "--questions",
      "5",
      "--think",
      "uniform:10000",
      "--json",
      "out.json",
      "--budget",
      "--workers",
      "3",
    ]);
    expect(args).toMatchObject({
      url: "http://127.0.0.1:3200",
      players: 50,
      sessions: 100,
      questions: 5,
      think: { kind: "uniform", windowMs: 10000 },
      json: "out.json",
      budget: true,
      workers: 3,
    });
  });

  it("has defaults for everything but the URL", () => {
    const args = parseLoadArgs(["--url", "https://quiz.example.com"]);
    expect(args).toMatchObject({ players: 100, sessions: 1, questions: 5, budget: false, json: null });
    expect(args.think).toEqual({ kind: "uniform", windowMs: 5000 });
    expect(args.hosts).toBe("independent");
    expect(args.lobbyMs).toBe(0);
  });

  it("lets the host wait in the full lobby before starting, never a negative time", () => {
    const url = ["--url", "http://127.0.0.1:3000"];
    expect(parseLoadArgs([...url, "--lobby", "2500"]).lobbyMs).toBe(2500);
    expect(() => parseLoadArgs([...url, "--lobby", "-1"])).toThrow(ArgsError);
  });

  it("runs several sessions' hosts independently unless told to act in lockstep", () => {
    const url = ["--url", "http://127.0.0.1:3000"];
    expect(parseLoadArgs([...url, "--hosts", "lockstep"]).hosts).toBe("lockstep");
    expect(() => parseLoadArgs([...url, "--hosts", "together"])).toThrow(ArgsError);
  });

  it.each([
    [[], "--url is required"],
    [["--url", "ftp://x"], "use http"],
    [["--url", "http://x", "--players", "0"], "--players"],
    [["--url", "http://x", "--players", "1.5"], "--players"],
    [["--url", "http://x", "--think", "normal:5"], "--think"],
    [["--url", "http://x", "--host-email", "a@b.c"], "--host-password"],
    [["--url", "http://x", "--nope"], "nope"],
  ])("refuses %j naming the problem", (argv, message) => {
    expect(() => parseLoadArgs(argv)).toThrow(ArgsError);
    expect(() => parseLoadArgs(argv)).toThrow(message);
  });

  it("takes the host password from the environment", () => {
    const args = parseLoadArgs(["--url", "http://x", "--host-email", "h@example.com"], { LOAD_HOST_PASSWORD: "pw" });
    expect(args.hostPassword).toBe("pw");
  });
});

describe("think", () => {
  it.each([
    ["burst", { kind: "burst", windowMs: 200 }],
    ["burst:50", { kind: "burst", windowMs: 50 }],
    ["uniform:5000", { kind: "uniform", windowMs: 5000 }],
    ["saturate", { kind: "saturate" }],
  ])("parses %s", (raw, expected) => expect(parseThink(raw)).toEqual(expected));

  it("needs a window for uniform", () => expect(() => parseThink("uniform")).toThrow("uniform:MS"));

  it("draws delays inside the window, none when saturating", () => {
    expect(thinkDelayMs({ kind: "uniform", windowMs: 1000 }, () => 0.5)).toBe(500);
    expect(thinkDelayMs({ kind: "burst", windowMs: 200 }, () => 0.999)).toBeLessThan(200);
    expect(thinkDelayMs({ kind: "saturate" }, () => 0.7)).toBe(0);
  });
});
