/**
 * Next.js answers a URL it cannot decode (a malformed %-escape in a dynamic segment, e.g.
 * /api/sessions/%ZZ/answers) by rendering the route "/400"; without one it falls back to a bare 500. This
 * is that route: a 400 with the API's error shape, for every method.
 */
function badRequest(): Response {
  return Response.json(
    { error: { code: "bad_request", message: "The URL is malformed (an invalid %-escape)." } },
    { status: 400, headers: { "cache-control": "no-store" } },
  );
}

export const GET = badRequest;
export const HEAD = badRequest;
export const POST = badRequest;
export const PUT = badRequest;
export const PATCH = badRequest;
export const DELETE = badRequest;
export const OPTIONS = badRequest;
