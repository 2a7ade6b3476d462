// Placeholder: the campaigns pages come later, from another helper, under /campaigns/*. Replace this module
// (keep the export name, or change the lazy import in app/routes.tsx).
import { useTranslation } from "react-i18next";

export function CampaignsSection() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <h1>{t("nav.campaigns")}</h1>
      <p>{t("common.coming_later")}</p>
    </section>
  );
}
