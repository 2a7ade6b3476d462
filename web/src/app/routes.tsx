// The route table. Fan pages load eagerly or lazily by weight; the bidder (/campaigns),
// organizer (/admin) and gate-staff (/scan) sections are mounted here as lazy placeholders that
// their own helpers replace with real pages (keep them lazy: they stay off the fan path's budget).
import { createBrowserRouter, Navigate } from "react-router-dom";
import { Layout } from "./Layout";
import { EventsPage } from "../pages/events/EventsPage";
// Eager: the event page is where a sale opens, and its first paint must not wait for a second
// round trip for its code (issue 12: interactive in under 1 s).
import { EventPage, PrefetchEvent } from "../pages/event/EventPage";
import { NotFoundPage } from "../pages/NotFoundPage";
import { RouteError } from "./RouteError";
import { Loading } from "../components/Loading";

export const router = createBrowserRouter([
  {
    path: "/",
    element: <Layout />,
    errorElement: <RouteError />,
    // Shown while a lazy page's code arrives on the first load.
    hydrateFallbackElement: <Loading />,
    children: [
      // The events list lives at / because tixd answers GET /events itself (the original spec's
      // path for the API's list, docs/api.md): a reload there would show JSON, not this page.
      { index: true, element: <EventsPage /> },
      { path: "events", element: <Navigate to="/" replace /> },
      {
        path: "events/:eventId",
        element: <EventPage />,
        loader: PrefetchEvent,
        // Choosing a zone changes only ?zone=: nothing to load again.
        shouldRevalidate: ({ currentParams, nextParams }) => currentParams.eventId !== nextParams.eventId,
      },
      { path: "events/:eventId/queue", lazy: () => import("../pages/queue/QueuePage").then((m) => ({ Component: m.QueuePage })) },
      { path: "checkout/:orderId", lazy: () => import("../pages/checkout/CheckoutPage").then((m) => ({ Component: m.CheckoutPage })) },
      { path: "orders", lazy: () => import("../pages/orders/OrdersPage").then((m) => ({ Component: m.OrdersPage })) },
      { path: "tickets", lazy: () => import("../pages/tickets/TicketsPage").then((m) => ({ Component: m.TicketsPage })) },
      { path: "login", lazy: () => import("../pages/auth/LoginPage").then((m) => ({ Component: m.LoginPage })) },
      { path: "register", lazy: () => import("../pages/auth/RegisterPage").then((m) => ({ Component: m.RegisterPage })) },
      // Later sections (other helpers): replace the placeholder modules, keep the paths.
      { path: "campaigns/*", lazy: () => import("../pages/campaigns/CampaignsSection").then((m) => ({ Component: m.CampaignsSection })) },
      { path: "admin/*", lazy: () => import("../pages/admin/AdminSection").then((m) => ({ Component: m.AdminSection })) },
      { path: "scan/*", lazy: () => import("../pages/scan/ScanSection").then((m) => ({ Component: m.ScanSection })) },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
