// Placeholder: the scan pages come later, from another helper, under /scan/*. Replace this module
// (keep the export name, or change the lazy import in app/routes.tsx).
import { useTranslation } from "react-i18next";

export function ScanSection() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <h1>{t("nav.scan")}</h1>
      <p>{t("common.coming_later")}</p>
    </section>
  );
}
