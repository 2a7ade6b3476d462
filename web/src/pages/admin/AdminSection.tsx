// The organizer's pages under /admin (admin role only; the API refuses others anyway): events,
// a new event from the Taipei Dome template, an event's live dashboard, products and campaigns,
// the reconciliation report. Lazy-loaded: none of it is on the fan path.
import "./messages";
import "./admin.css";
import { NavLink, Route, Routes } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { RequireSession } from "../../components/RequireSession";
import { useSession } from "../../auth/SessionProvider";
import { AdminEventsPage } from "./AdminEventsPage";
import { CreateEventPage } from "./CreateEventPage";
import { EventDashboardPage } from "./EventDashboardPage";
import { ProductsPage } from "./ProductsPage";
import { ReconcilePage } from "./ReconcilePage";

export function AdminSection() {
  return (
    <RequireSession>
      <AdminOnly />
    </RequireSession>
  );
}

function AdminOnly() {
  const { t } = useTranslation();
  const state = useSession();
  if (state?.role !== "admin") {
    return <section className="page"><h1>{t("nav.admin")}</h1><p className="notice error">{t("problems.forbidden")}</p></section>;
  }
  return (
    <section className="page admin">
      <nav aria-label={t("admin.nav_label")} className="admin-nav">
        <NavLink to="/admin" end>{t("admin.events_title")}</NavLink>
        <NavLink to="/admin/events/new">{t("admin.new_event")}</NavLink>
        <NavLink to="/admin/products">{t("admin.products_title")}</NavLink>
        <NavLink to="/admin/reconcile">{t("admin.reconcile_title")}</NavLink>
      </nav>
      <Routes>
        <Route index element={<AdminEventsPage />} />
        <Route path="events/new" element={<CreateEventPage />} />
        <Route path="events/:eventId" element={<EventDashboardPage />} />
        <Route path="products" element={<ProductsPage />} />
        <Route path="reconcile" element={<ReconcilePage />} />
      </Routes>
    </section>
  );
}
