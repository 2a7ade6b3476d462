// What a failed request looks like to a person: a sentence in their language, chosen by the
// problem's `code`. A busy server (429, 503, 502, network) gets a calm notice that counts down
// the Retry-After and tries again by itself, instead of an error.
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/ApiError";
import { FormatDuration } from "./Countdown";

interface Props {
  error: unknown;
  // Called to try again; with `autoRetry` when the server's Retry-After has passed.
  retry?: () => void;
  autoRetry?: boolean;
}

export function ProblemNotice({ error, retry, autoRetry = false }: Props) {
  const { t } = useTranslation();
  const message = useProblemMessage()(error);
  const apiError = error instanceof ApiError ? error : undefined;
  // Keyed by the error: a retry that fails again starts a new countdown.
  if (apiError?.isRetryable) return <BusyNotice key={ErrorKey(apiError)} error={apiError} retry={retry} autoRetry={autoRetry} />;
  return (
    <div className="notice error" role="alert">
      <p>{message}</p>
      {retry && <button type="button" className="secondary" onClick={retry}>{t("common.try_again")}</button>}
    </div>
  );
}

function BusyNotice({ error, retry, autoRetry }: { error: ApiError; retry?: () => void; autoRetry: boolean }) {
  const { t } = useTranslation();
  const waitMs = Math.max((error.retryAfterSeconds ?? 1) * 1000, 1000);
  const [retryAtMs] = useState(() => Date.now() + waitMs);
  const [leftMs, setLeftMs] = useState(waitMs);
  useEffect(() => {
    const timer = setInterval(() => setLeftMs(Math.max(retryAtMs - Date.now(), 0)), 250);
    return () => clearInterval(timer);
  }, [retryAtMs]);
  // Once per error: `retry` changes identity on every render of the page.
  const retriedRef = useRef(false);
  useEffect(() => {
    if (leftMs !== 0 || !autoRetry || retriedRef.current) return;
    retriedRef.current = true;
    retry?.();
  }, [leftMs, autoRetry, retry]);
  return (
    <div className="notice busy" role="status">
      <p>{t(error.code === "network" ? "busy.offline" : "busy.message")}</p>
      {leftMs > 0 && <p className="muted">{t("busy.retry_in", { time: FormatDuration(leftMs) })}</p>}
      {retry && (
        <button type="button" className="secondary" disabled={leftMs > 0} onClick={retry}>
          {t("common.try_again")}
        </button>
      )}
    </div>
  );
}

// Maps an error to its sentence: `problems.<code>` when we have one, else the server's title.
export function useProblemMessage(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error) => {
    if (!(error instanceof ApiError)) return t("problems.unknown");
    const key = `problems.${error.code}`;
    if (i18n.exists(key)) return t(key, { detail: error.detail ?? "" });
    return i18n.language === "en" && error.message && error.message !== error.code ? error.message : t("problems.unknown");
  };
}

const errorKeys = new WeakMap<object, number>();
let nextErrorKey = 0;
function ErrorKey(error: object): number {
  if (!errorKeys.has(error)) errorKeys.set(error, ++nextErrorKey);
  return errorKeys.get(error)!;
}
