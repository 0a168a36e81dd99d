import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { PlayerSnapshot } from "@/lib/game/snapshot";
import { en } from "@/lib/i18n/en";
import { MyTeamStanding } from "./reveal-view";

const RED = "00000000-0000-4000-8000-000000000001";
const BLUE = "00000000-0000-4000-8000-000000000002";

function snapshot(overrides: {
  teamId: string | null;
  meTeam?: PlayerSnapshot["me"]["team"];
  board?: NonNullable<PlayerSnapshot["leaderboard"]>["teams"];
}): PlayerSnapshot {
  return {
    teams: [
      { id: RED, name: "Red", member_count: 2 },
      { id: BLUE, name: "Blue", member_count: 3 },
    ],
    leaderboard: overrides.board === undefined ? null : { top: [], teams: overrides.board },
    me: {
      participant: { team_id: overrides.teamId },
      team: overrides.meTeam ?? null,
    },
  } as unknown as PlayerSnapshot;
}

const text = (s: PlayerSnapshot) =>
  renderToStaticMarkup(<MyTeamStanding snapshot={s} t={en.player} />).replace(/<[^>]+>/g, " ");

describe("MyTeamStanding", () => {
  it("shows the team's rank and score from the player's snapshot at the reveal", () => {
    const s = snapshot({ teamId: RED, meTeam: { team_id: RED, name: "Red", member_count: 2, score: 875, rank: 1 } });
    expect(text(s)).toContain("Your team: Red");
    expect(text(s)).toContain("#1 of 2 teams · 875 points");
  });

  it("prefers the leaderboard, which the leaderboard and final events refresh", () => {
    const s = snapshot({
      teamId: BLUE,
      meTeam: { team_id: BLUE, name: "Blue", member_count: 3, score: 100, rank: 2 },
      board: [
        { team_id: BLUE, name: "Blue", member_count: 3, score: 900, rank: 1 },
        { team_id: RED, name: "Red", member_count: 2, score: 875, rank: 2 },
      ],
    });
    expect(text(s)).toContain("#1 of 2 teams · 900 points");
  });

  it("shows nothing without a team", () => {
    expect(text(snapshot({ teamId: null }))).toBe("");
  });
});
