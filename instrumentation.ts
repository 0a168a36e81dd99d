/**
 * OpenTelemetry traces, optional and off by default. Next.js already wraps route handlers and `fetch` (the
 * Realtime broadcast) in spans; they are only exported once a tracer provider is registered, which this does
 * when OTEL_EXPORTER_OTLP_ENDPOINT is set (Vercel's OpenTelemetry integration sets it for you):
 *
 *   npm install @vercel/otel @opentelemetry/sdk-logs @opentelemetry/api-logs @opentelemetry/instrumentation
 *
 * The package is not a dependency of PubQuiz (it pulls a dozen OpenTelemetry packages that a laptop install
 * never uses), so it is imported by a name the bundler does not follow: the build works without it, and a
 * deployment that enables tracing without installing it logs one warning and runs untraced.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.OTEL_EXPORTER_OTLP_ENDPOINT) return;
  const name = "@vercel/otel";
  try {
    const otel = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ name)) as {
      registerOTel(options: { serviceName: string }): void;
    };
    otel.registerOTel({ serviceName: process.env.OTEL_SERVICE_NAME ?? "pubquiz" });
  } catch (error) {
    console.warn(
      JSON.stringify({
        level: "warn",
        service: "pubquiz",
        msg: "OTEL_EXPORTER_OTLP_ENDPOINT is set but @vercel/otel is not installed: tracing is off",
        error: String(error),
      }),
    );
  }
}
