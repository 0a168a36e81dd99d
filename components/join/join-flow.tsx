"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "@/lib/client/api";
import type { JoinResult, LookupPinResult } from "@/lib/db/results";
import type { PublicConfig } from "@/lib/env";
import { checkName } from "@/lib/game/nickname";
import type { Messages } from "@/lib/i18n";
import { ensureAccessToken, getSupabaseBrowserClient } from "@/lib/supabase/client";
import { card } from "@/components/ui/styles";
import { DetailsStep } from "./details-step";
import { joinErrorFor, joinErrorMessage } from "./join-error";
import { PinStep } from "./pin-step";
import type { TeamChoice } from "./team-picker";

/** PIN → lookup → nickname (+ team) → join → /play. A caller who already plays is sent straight back. */
export function JoinFlow({ config, t, initialPin }: { config: PublicConfig; t: Messages; initialPin: string }) {
  const router = useRouter();
  const [pin, setPin] = useState(initialPin);
  const [lookup, setLookup] = useState<LookupPinResult | null>(null);
  const [nickname, setNickname] = useState("");
  const [teamChoice, setTeamChoice] = useState<TeamChoice>({ teamId: null, teamName: "" });
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const token = useCallback(() => ensureAccessToken(getSupabaseBrowserClient(config, "player"), "player"), [config]);

  const onLookup = useCallback(
    async (forPin: string) => {
      setIsBusy(true);
      setError(null);
      try {
        const result = await apiFetch<LookupPinResult>(`/api/sessions/lookup?pin=${forPin}`, { token: await token() });
        if (result.is_kicked) return setError(joinErrorFor("kicked", t));
        if (result.participant) {
          setNotice(t.join.rejoining);
          return router.replace(`/play/${result.session.id}`);
        }
        if (result.session.state === "finished") return setError(joinErrorFor("finished", t));
        if (!result.can_join) {
          return setError(joinErrorFor(result.session.is_locked ? "lobby_locked" : "late_join_closed", t));
        }
        setLookup(result);
      } catch (caught) {
        setError(joinErrorMessage(caught, t));
      } finally {
        setIsBusy(false);
      }
    },
    [router, t, token],
  );

  const onJoin = async () => {
    if (!lookup) return;
    // The same rule the database applies, checked here first so a typo costs no round trip.
    const isNewTeam = teamChoice.teamId === "new";
    for (const name of isNewTeam ? [nickname, teamChoice.teamName] : [nickname]) {
      const check = checkName(name);
      if (!check.ok) return setError(joinErrorFor(check.code, t));
    }
    setIsBusy(true);
    setError(null);
    try {
      const result = await apiFetch<JoinResult>("/api/sessions/join", {
        token: await token(),
        body: {
          pin,
          nickname: nickname.trim(),
          ...(lookup.session.teams_enabled && !isNewTeam && teamChoice.teamId ? { teamId: teamChoice.teamId } : {}),
          ...(lookup.session.teams_enabled && isNewTeam ? { teamName: teamChoice.teamName.trim() } : {}),
        },
      });
      router.push(`/play/${result.session.id}`);
    } catch (caught) {
      setError(joinErrorMessage(caught, t));
      setIsBusy(false);
    }
  };

  // A QR code carries the PIN: look it up at once, so the player only types a name.
  const didAutoLookup = useRef(false);
  useEffect(() => {
    if (didAutoLookup.current || !/^\d{6}$/.test(initialPin)) return;
    didAutoLookup.current = true;
    void onLookup(initialPin);
  }, [initialPin, onLookup]);

  return (
    <div className={`${card} flex flex-col gap-4`}>
      {lookup ? (
        <DetailsStep
          t={t}
          title={lookup.session.title}
          nickname={nickname}
          teams={lookup.session.teams_enabled ? (lookup.teams ?? []) : null}
          teamChoice={teamChoice}
          isBusy={isBusy}
          onNicknameChange={setNickname}
          onTeamChange={setTeamChoice}
          onSubmit={() => void onJoin()}
          onBack={() => {
            setLookup(null);
            setError(null);
          }}
        />
      ) : (
        <PinStep t={t} pin={pin} isBusy={isBusy} onPinChange={setPin} onSubmit={() => void onLookup(pin)} />
      )}
      <div aria-live="assertive" role="alert" className="min-h-6">
        {error && (
          <p className="rounded-lg border-2 border-red-700 bg-red-50 px-3 py-2 font-semibold text-red-800 dark:bg-red-950 dark:text-red-200">
            {error}
          </p>
        )}
      </div>
      <p aria-live="polite" className="text-center font-semibold">
        {notice}
      </p>
    </div>
  );
}
