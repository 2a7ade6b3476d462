// The sale window: a countdown to the opening, "on sale" with its close, or "ended".
import { useTranslation } from "react-i18next";
import type { TixEvent } from "../../api/types";
import { Countdown } from "../../components/Countdown";
import { FormatDateTime } from "../../components/format";
import { useNow } from "../../components/useNow";

export function SaleStatus({ event }: { event: TixEvent }) {
  const { t } = useTranslation();
  const now = useNow();
  const startsMs = Date.parse(event.sale_starts_at);
  const endsMs = event.sale_ends_at ? Date.parse(event.sale_ends_at) : Infinity;
  if (now < startsMs) {
    return (
      <p className="notice sale-status">
        {t("event.sale_opens_in")} <Countdown to={startsMs} label={t("event.sale_opens_in")} />{" "}
        <span className="muted">({FormatDateTime(event.sale_starts_at)})</span>
      </p>
    );
  }
  if (now >= endsMs) return <p className="notice sale-status">{t("event.sale_ended")}</p>;
  return (
    <p className="notice ok sale-status">
      {t("event.on_sale")}
      {event.sale_ends_at && <span className="muted"> · {t("event.sale_ends", { time: FormatDateTime(event.sale_ends_at) })}</span>}
    </p>
  );
}
