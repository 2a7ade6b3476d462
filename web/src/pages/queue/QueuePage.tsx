// The waiting room: join (a proof of work solved in Web Workers, with progress), then the place
// in line, people ahead and the estimated wait, asked again when the server advises
// (poll_after_ms). Admitted: straight on to the seat choice, where the admission countdown runs.
import { useCallback, useEffect, useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { IsApiError } from "../../api/ApiError";
import { EventsApi } from "../../api/events";
import { QueueApi } from "../../api/queue";
import type { QueueMe } from "../../api/types";
import { RequireSession } from "../../components/RequireSession";
import { Loading } from "../../components/Loading";
import { ProblemNotice } from "../../components/ProblemNotice";
import { QueueMeKey } from "../event/AdmissionGate";
import { QueueStatusView } from "./QueueStatusView";
import { useProofOfWork } from "./useProofOfWork";

// The server's advice is followed, within bounds that keep the page alive and the server calm.
const kPollMinMs = 1_000;
const kPollMaxMs = 60_000;

export function QueuePage() {
  return (
    <RequireSession>
      <QueueRoom />
    </RequireSession>
  );
}

function QueueRoom() {
  const { t } = useTranslation();
  const eventId = Number(useParams().eventId);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const event = useQuery({ queryKey: ["event", eventId], queryFn: () => EventsApi.Get(eventId) });
  const { state: powState, solve } = useProofOfWork();
  const [me, setMe] = useState<QueueMe | null>();
  const [error, setError] = useState<unknown>();
  const joiningRef = useRef(false);

  const join = useCallback(async () => {
    if (joiningRef.current) return;
    joiningRef.current = true;
    setError(undefined);
    try {
      // A challenge may expire or be refused after a server restart: one fresh try.
      for (let attempt = 0; ; attempt++) {
        const challenge = await QueueApi.Challenge(eventId);
        const nonce = await solve(challenge.challenge, challenge.bits);
        try {
          setMe(await QueueApi.Join(eventId, challenge.challenge, nonce));
          return;
        } catch (e) {
          if (!IsApiError(e, "pow_invalid") || attempt > 0) throw e;
        }
      }
    } catch (e) {
      setError(e);
    } finally {
      joiningRef.current = false;
    }
  }, [eventId, solve]);

  const refresh = useCallback(async () => {
    try {
      setMe(await QueueApi.Me(eventId));
      setError(undefined);
    } catch (e) {
      if (IsApiError(e, "not_in_queue")) {
        setMe(null);
        void join();
      } else {
        setError(e);
      }
    }
  }, [eventId, join]);

  // First look: already in line? Otherwise join.
  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Ask again when the server says to.
  useEffect(() => {
    if (!me || me.status !== "waiting") return;
    const delay = Math.min(Math.max(me.poll_after_ms, kPollMinMs), kPollMaxMs);
    const timer = setTimeout(() => void refresh(), delay);
    return () => clearTimeout(timer);
  }, [me, refresh]);

  // Admitted: on to the seats.
  useEffect(() => {
    if (me?.status !== "admitted") return;
    queryClient.setQueryData(QueueMeKey(eventId), me);
    navigate(`/events/${eventId}`, { replace: true });
  }, [me, eventId, navigate, queryClient]);

  return (
    <section className="page queue-page">
      <h1>{t("queue.title")}</h1>
      {event.data && <p className="muted"><Link to={`/events/${eventId}`}>{event.data.name}</Link></p>}
      {powState.solving && <JoinProgress attempts={powState.attempts} expected={powState.expectedAttempts} />}
      {me === undefined && !powState.solving && !error && <Loading />}
      {me && <QueueStatusView me={me} />}
      {error !== undefined && <ProblemNotice error={error} retry={() => void refresh()} autoRetry />}
    </section>
  );
}

function JoinProgress({ attempts, expected }: { attempts: number; expected: number }) {
  const { t } = useTranslation();
  // Work is random: the expected count is a guide, so the bar slows as it nears the end.
  const percent = Math.round(100 * (1 - Math.exp(-attempts / expected)));
  return (
    <div className="card">
      <p id="pow-label">{t("queue.joining")}</p>
      <progress aria-labelledby="pow-label" max={100} value={percent}>{percent}%</progress>
      <p className="muted">{t("queue.joining_why")}</p>
    </div>
  );
}
