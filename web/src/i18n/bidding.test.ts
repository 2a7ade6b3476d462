// Every bidding message exists in both languages, with the same {{placeholders}}.
import { expect, it } from "vitest";
import en from "./bidding.en.json";
import zhTW from "./bidding.zh-TW.json";

function Flatten(messages: object, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else for (const [k, v] of Flatten(value as object, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const Placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

it("bidding.zh-TW.json has every key of bidding.en.json and no other", () => {
  expect([...Flatten(zhTW).keys()].sort()).toEqual([...Flatten(en).keys()].sort());
});

it("each message has the same placeholders in both languages", () => {
  const chinese = Flatten(zhTW);
  for (const [key, english] of Flatten(en)) expect(Placeholders(chinese.get(key) ?? ""), key).toEqual(Placeholders(english));
});
