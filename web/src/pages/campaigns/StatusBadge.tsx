// A campaign's status as a labelled badge (colour is not the only cue: the word is there).
import { useTranslation } from "react-i18next";
import type { CampaignStatus } from "../../api/bidding";

export function StatusBadge({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`} data-status={status}>{t(`bidding.status.${status}`)}</span>;
}
