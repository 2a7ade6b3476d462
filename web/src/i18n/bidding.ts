// The bidder's messages (bidding.*.json), merged into the app's translations when a bidding
// page or a campaign order's checkout first loads: they stay out of the fan path's bundle.
import i18n from "./i18n";
import en from "./bidding.en.json";
import zhTW from "./bidding.zh-TW.json";

const kDeep = true;
const kOverwrite = true;
i18n.addResourceBundle("en", "translation", en, kDeep, kOverwrite);
i18n.addResourceBundle("zh-TW", "translation", zhTW, kDeep, kOverwrite);
