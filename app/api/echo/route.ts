import { z } from "zod";

/**
 * The load tool's ceiling probe: parses a JSON body and returns it, with no database and no Redis. Its
 * requests per second on a deployment are the yardstick the answer path is measured against.
 */
const echoSchema = z.record(z.string(), z.unknown());

export async function POST(req: Request): Promise<Response> {
  const text = await req.text();
  if (text.length > 4096)
    return Response.json({ error: { code: "payload_too_large", message: "At most 4 KB." } }, { status: 413 });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return Response.json({ error: { code: "invalid_json", message: "The body is not valid JSON." } }, { status: 400 });
  }
  const parsed = echoSchema.safeParse(body);
  if (!parsed.success)
    return Response.json({ error: { code: "bad_request", message: "Send a JSON object." } }, { status: 400 });
  return Response.json(parsed.data);
}
