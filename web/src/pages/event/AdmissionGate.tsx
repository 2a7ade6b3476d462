// Events with a waiting room sell only to admitted buyers. This reads the buyer's place
// (GET .../queue/me) and says what they can do: join, go back to the line, or buy before the
// admission countdown ends.
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { IsApiError } from "../../api/ApiError";
import { QueueApi } from "../../api/queue";
import type { QueueMe, TixEvent } from "../../api/types";
import { useSession } from "../../auth/SessionProvider";
import { Countdown } from "../../components/Countdown";
import { useNow } from "../../components/useNow";

export interface Admission {
  canHold: boolean;
  me: QueueMe | null | undefined;
  signedIn: boolean;
}

export function QueueMeKey(eventId: number) {
  return ["queue-me", eventId] as const;
}

export function useAdmission(event: TixEvent | undefined): Admission {
  const signedIn = useSession() !== null;
  const hasQueue = !!event?.queue;
  const now = useNow(5_000);
  const me = useQuery({
    queryKey: QueueMeKey(event?.event_id ?? 0),
    enabled: hasQueue && signedIn,
    queryFn: async () => {
      try {
        return await QueueApi.Me(event!.event_id);
      } catch (error) {
        if (IsApiError(error, "not_in_queue")) return null;
        throw error;
      }
    },
  });
  if (!hasQueue) return { canHold: true, me: undefined, signedIn };
  const admitted =
    me.data?.status === "admitted" && !!me.data.admission_expires_at && Date.parse(me.data.admission_expires_at) > now;
  return { canHold: admitted, me: me.data, signedIn };
}

export function AdmissionGate({ event, admission }: { event: TixEvent; admission: Admission }) {
  const { t } = useTranslation();
  if (!event.queue) return null;
  const queuePath = `/events/${event.event_id}/queue`;
  if (!admission.signedIn) {
    return (
      <p className="notice">
        {t("queue.gate_intro")} <Link to={`/login?next=${encodeURIComponent(queuePath)}`}>{t("queue.sign_in_to_join")}</Link>
      </p>
    );
  }
  const me = admission.me;
  if (admission.canHold && me?.admission_expires_at) {
    return (
      <p className="notice ok admission">
        {t("queue.admitted_buy_within")} <Countdown to={me.admission_expires_at} label={t("queue.admission_left")} />
      </p>
    );
  }
  if (me?.status === "waiting") {
    return <p className="notice">{t("queue.in_line")} <Link to={queuePath}>{t("queue.back_to_line")}</Link></p>;
  }
  if (me && me.status !== "admitted") {
    return <p className="notice">{t(`queue.status.${me.status}`)}</p>;
  }
  return (
    <p className="notice">
      {t("queue.gate_intro")} <Link className="button" to={queuePath}>{t("queue.join")}</Link>
    </p>
  );
}
