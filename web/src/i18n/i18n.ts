// English and Traditional Chinese. The choice is remembered; the first visit follows the browser.
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import zhTW from "./zh-TW.json";

export const kLanguages = [
  { code: "en", label: "English" },
  { code: "zh-TW", label: "繁體中文" },
] as const;
const kStorageKey = "tix.language";

function InitialLanguage(): string {
  const stored = localStorage.getItem(kStorageKey);
  if (stored && kLanguages.some((l) => l.code === stored)) return stored;
  return navigator.language.toLowerCase().startsWith("zh") ? "zh-TW" : "en";
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, "zh-TW": { translation: zhTW } },
  lng: InitialLanguage(),
  fallbackLng: "en",
  interpolation: { escapeValue: false }, // React escapes already.
  returnNull: false,
  showSupportNotice: false, // no advertisement in the console
  // The messages are bundled: initialise at once, so the first render need not wait a turn.
  initAsync: false,
});

i18n.on("languageChanged", (language) => {
  localStorage.setItem(kStorageKey, language);
  document.documentElement.lang = language;
});
document.documentElement.lang = i18n.language;

export default i18n;
