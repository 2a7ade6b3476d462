import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <h1>{t("errors.not_found_title")}</h1>
      <Link to="/">{t("nav.events")}</Link>
    </section>
  );
}
