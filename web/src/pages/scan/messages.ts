// The gate page's messages join i18next when this section loads (kept off the fan bundle).
import i18n from "../../i18n/i18n";
import en from "../../i18n/scan.en.json";
import zhTW from "../../i18n/scan.zh-TW.json";

i18n.addResourceBundle("en", "translation", en, true, false);
i18n.addResourceBundle("zh-TW", "translation", zhTW, true, false);
