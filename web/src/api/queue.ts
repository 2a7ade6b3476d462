import { Api } from "./client";
import type { Challenge, QueueMe } from "./types";

export const QueueApi = {
  Challenge: (eventId: number) => Api<Challenge>(`/events/${eventId}/queue/challenge`, { auth: true }),
  Join: (eventId: number, challenge: string, nonce: string) =>
    Api<QueueMe>(`/events/${eventId}/queue`, { method: "POST", body: { challenge, nonce }, auth: true }),
  Me: (eventId: number) => Api<QueueMe>(`/events/${eventId}/queue/me`, { auth: true }),
};
