// The organizer pages' messages join i18next when this section loads, so they stay out of the
// fan path's bundle.
import i18n from "../../i18n/i18n";
import en from "../../i18n/admin.en.json";
import zhTW from "../../i18n/admin.zh-TW.json";

i18n.addResourceBundle("en", "translation", en, true, false);
i18n.addResourceBundle("zh-TW", "translation", zhTW, true, false);
