// The bidder's section, /campaigns/*: the list and a campaign's page. Loaded lazily (off the fan
// path's budget) with its own messages and styles.
import { Route, Routes } from "react-router-dom";
import "../../i18n/bidding";
import "./bidding.css";
import { CampaignsListPage } from "./CampaignsListPage";
import { CampaignPage } from "./CampaignPage";
import { NotFoundPage } from "../NotFoundPage";

export function CampaignsSection() {
  return (
    <Routes>
      <Route index element={<CampaignsListPage />} />
      <Route path=":campaignId" element={<CampaignPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
