// "Starts in 4:59" / "Ends in 0:12" / "Ended <time>": the countdown that matters for the status.
// `onChange` fires when the countdown runs out (the page reads the campaign again).
import { useTranslation } from "react-i18next";
import type { Campaign, CampaignStatus } from "../../api/bidding";
import { Countdown } from "../../components/Countdown";
import { FormatDateTime } from "../../components/format";

interface Props {
  campaign: Campaign;
  status: CampaignStatus;
  onChange?: () => void;
}

export function CampaignTiming({ campaign, status, onChange }: Props) {
  const { t } = useTranslation();
  if (status === "scheduled" || status === "active") {
    const label = t(status === "scheduled" ? "bidding.starts_in" : "bidding.ends_in");
    const to = status === "scheduled" ? campaign.start_time : campaign.end_time;
    return (
      <span className="campaign-timing">
        {label} <Countdown to={to} label={label} onDone={onChange} />
      </span>
    );
  }
  return <span className="campaign-timing">{t("bidding.ended_at", { time: FormatDateTime(campaign.end_time) })}</span>;
}
