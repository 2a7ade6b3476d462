// The frame of every page: skip link, header with navigation and language switch, main area.
import { Suspense } from "react";
import { NavLink, Outlet, useNavigate } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { useSession } from "../auth/SessionProvider";
import { session } from "../auth/session";
import { kLanguages } from "../i18n/i18n";
import { Loading } from "../components/Loading";

export function Layout() {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">{t("nav.skip")}</a>
      <header className="site-header">
        <NavLink to="/" className="brand">tix</NavLink>
        <nav aria-label={t("nav.label")}>
          <ul className="nav-list">
            <li><NavLink to="/" end>{t("nav.events")}</NavLink></li>
            <li><NavLink to="/campaigns">{t("nav.campaigns")}</NavLink></li>
            <li><NavLink to="/orders">{t("nav.orders")}</NavLink></li>
            <li><NavLink to="/tickets">{t("nav.tickets")}</NavLink></li>
          </ul>
        </nav>
        <div className="header-tools">
          <AccountLinks />
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}

function AccountLinks() {
  const { t } = useTranslation();
  const state = useSession();
  const navigate = useNavigate();
  if (!state) {
    return (
      <span className="account">
        <NavLink to="/login">{t("nav.login")}</NavLink> · <NavLink to="/register">{t("nav.register")}</NavLink>
      </span>
    );
  }
  return (
    <span className="account">
      {state.role === "admin" && <NavLink to="/admin">{t("nav.admin")}</NavLink>}
      {(state.role === "scanner" || state.role === "admin") && <NavLink to="/scan">{t("nav.scan")}</NavLink>}
      <span className="account-name">{state.name ?? state.email}</span>
      <button type="button" className="link-button" onClick={() => { void Logout(); navigate("/"); }}>
        {t("nav.logout")}
      </button>
    </span>
  );
}

async function Logout(): Promise<void> {
  const refreshToken = session.state?.refreshToken;
  session.SignOut();
  if (!refreshToken) return;
  // Best effort: the server revokes the login; the tab is signed out either way.
  await fetch("/api/v1/auth/logout", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ refresh_token: refreshToken }),
  }).catch(() => undefined);
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t("nav.language")}</span>
      <select value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
        {kLanguages.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>{l.label}</option>
        ))}
      </select>
    </label>
  );
}
