// Shown when a route itself fails (a chunk that would not load, a bug): a way back, not a blank page.
import { Link, useRouteError } from "react-router-dom";
import { useTranslation } from "react-i18next";

export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
  return (
    <main id="main" className="page">
      <h1>{t("errors.page_title")}</h1>
      <p>{t("errors.page_body")}</p>
      <p>
        <button type="button" onClick={() => window.location.reload()}>{t("common.reload")}</button>{" "}
        <Link to="/">{t("nav.events")}</Link>
      </p>
    </main>
  );
}
