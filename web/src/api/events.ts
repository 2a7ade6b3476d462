import { Api } from "./client";
import type { Availability, TixEvent } from "./types";

export const EventsApi = {
  List: () => Api<{ events: TixEvent[] }>("/events").then((a) => a.events),
  Get: (eventId: number) => Api<TixEvent>(`/events/${eventId}`),
  Availability: (eventId: number, seats: boolean) =>
    Api<Availability>(`/events/${eventId}/availability${seats ? "?seats=true" : ""}`),
};
