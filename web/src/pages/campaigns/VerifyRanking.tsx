// The final ranking's published hash, a link to the ranking itself, and a check in the browser:
// fetch every page, hash each rank's `line` + "\n" (docs/api.md), compare with `sha256`.
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Campaign } from "../../api/bidding";
import { kApiBase } from "../../api/client";
import { ProblemNotice } from "../../components/ProblemNotice";
import { FinalRankingMatches } from "./finalRanking";

export function VerifyRanking({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const check = useMutation({ mutationFn: () => FinalRankingMatches(campaign.campaign_id) });
  return (
    <div className="verify">
      <p className="muted">{t("bidding.verify_why")}</p>
      <p>
        <a href={`${kApiBase}/rankings/${campaign.campaign_id}/final`} target="_blank" rel="noopener">{t("bidding.verify")}</a>
      </p>
      {campaign.final_sha256 && (
        <p>{t("bidding.sha256")} <code className="sha256" data-testid="final-sha256">{campaign.final_sha256}</code></p>
      )}
      <button type="button" className="secondary" onClick={() => check.mutate()} disabled={check.isPending}>
        {t("bidding.check_here")}
      </button>
      {check.data !== undefined && (
        <p className={`notice ${check.data.matches ? "ok" : "error"}`} role="status">
          {check.data.matches ? t("bidding.check_ok", { count: check.data.ranks }) : t("bidding.check_bad")}
        </p>
      )}
      {check.error && <ProblemNotice error={check.error} />}
    </div>
  );
}
