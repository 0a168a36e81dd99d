import Link from "next/link";
import type { Messages } from "@/lib/i18n";
import type { DashboardSession } from "@/lib/server/get-dashboard";

export function SessionTable({
  sessions,
  t,
  dateFormat,
}: {
  sessions: DashboardSession[];
  t: Messages;
  dateFormat: Intl.DateTimeFormat;
}) {
  if (sessions.length === 0) return <p className="text-stone-600 dark:text-stone-400">{t.host.noSessions}</p>;
  return (
    <div className="overflow-x-auto rounded-2xl bg-white shadow-sm dark:bg-stone-900">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-stone-200 dark:border-stone-800">
          <tr>
            {[t.host.title, t.host.pin, t.host.state, t.host.date, t.host.players, ""].map((label, i) => (
              <th key={i} scope="col" className="px-3 py-2 font-semibold">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} className="border-b border-stone-100 last:border-0 dark:border-stone-800">
              <td className="px-3 py-2 font-medium">{s.title}</td>
              <td className="px-3 py-2 font-mono">{s.pin}</td>
              <td className="px-3 py-2">{t.states[s.state]}</td>
              <td className="px-3 py-2">{dateFormat.format(s.createdAt)}</td>
              <td className="px-3 py-2">{s.playerCount}</td>
              <td className="px-3 py-2 text-right">
                <Link
                  href={s.state === "finished" ? `/host/sessions/${s.id}/report` : `/host/sessions/${s.id}`}
                  className="font-semibold text-brand-700 underline dark:text-brand-500"
                >
                  {s.state === "finished" ? t.host.report : t.host.open}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
