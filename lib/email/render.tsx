import { Button, Link, Text } from "@react-email/components";
import { render } from "@react-email/render";
import { createTranslator } from "next-intl";
import { DEFAULT_LOCALE, isLocale, TIME_ZONE, type Locale } from "@/lib/i18n/config";
import { loadMessagesWithFallback } from "@/lib/i18n/messages";
import { oneClickUnsubscribeUrl } from "@/lib/reports/links";
import { EmailLayout, type EmailBrand } from "./layout";

/**
 * A generic, data-driven email: every template is a subject, paragraphs and an optional button, all from
 * translation keys of the `emails` namespace. Templates carry no markup of their own, so adding one is a
 * messages change, and user text is only ever interpolated as text (react-email escapes it).
 */
export type EmailMessage = {
  template: string;
  locale?: string;
  to: string;
  brand: EmailBrand;
  values: Record<string, string | number>;
  /** Extra paragraphs of user-provided text (e.g. a public reply), shown verbatim as text. */
  quote?: string;
  action?: { url: string; labelKey?: string };
  /**
   * A small link after the button. With labelKey "unsubscribe" it must be an unsubscribeUrl(): the email
   * then also carries RFC 8058 one-click List-Unsubscribe headers pointing at the matching POST endpoint.
   */
  secondaryUrl?: { url: string; labelKey: string };
  /** Further links after the button, each a paragraph "label: url" (e.g. the receipt's add-information link). */
  extraLinks?: { url: string; labelKey: string }[];
};

export type RenderedEmail = { subject: string; html: string; text: string; headers?: Record<string, string> };

/** Label keys without a namespace are looked up in `emails`. */
function qualify(key: string): string {
  return key.includes(".") ? key : `emails.${key}`;
}

export async function renderEmail(message: EmailMessage): Promise<RenderedEmail> {
  const locale: Locale = isLocale(message.locale) ? message.locale : DEFAULT_LOCALE;
  const t = createTranslator({
    locale,
    messages: loadMessagesWithFallback(locale) as never,
    timeZone: TIME_ZONE,
  }) as unknown as { (key: string, values?: Record<string, string | number>): string; has(key: string): boolean };
  // "reportReceipt" lives in messages/<locale>/emails.json; "backoffice.invitation" in backoffice.json.
  const path = message.template.includes(".") ? message.template : `emails.${message.template}`;
  const key = (k: string) => `${path}.${k}`;
  const values = { ...message.values, comune: message.brand.tenantName ?? "Piazza" };
  const subject = t(key("subject"), values);
  const paragraphs: string[] = [];
  for (let i = 1; t.has(key(`p${i}`)); i++) paragraphs.push(t(key(`p${i}`), values));
  const actionLabel = message.action ? t(message.action.labelKey ? qualify(message.action.labelKey) : key("action"), values) : null;
  const extraLinks = (message.extraLinks ?? []).map((l) => ({ url: l.url, label: t(qualify(l.labelKey), values) }));
  const secondaryLabel = message.secondaryUrl ? t(qualify(message.secondaryUrl.labelKey), values) : null;
  const element = (
    <EmailLayout brand={message.brand} preview={subject} footer={t("emails.footer", values)} lang={locale}>
      <Text style={{ fontSize: 20, fontWeight: 700 }}>{subject}</Text>
      {paragraphs.map((p, i) => (
        <Text key={i} style={{ fontSize: 15, lineHeight: "22px" }}>
          {p}
        </Text>
      ))}
      {message.quote ? (
        <Text style={{ fontSize: 15, lineHeight: "22px", borderLeft: "4px solid #cccccc", paddingLeft: 12, whiteSpace: "pre-wrap" }}>
          {message.quote}
        </Text>
      ) : null}
      {message.action && actionLabel ? (
        <Button
          href={message.action.url}
          style={{ backgroundColor: message.brand.primaryColor, color: "#ffffff", padding: "12px 20px", borderRadius: 4 }}
        >
          {actionLabel}
        </Button>
      ) : null}
      {message.action ? <Text style={{ fontSize: 12, color: "#4d4d4d" }}>{message.action.url}</Text> : null}
      {extraLinks.map((l) => (
        <Text key={l.url} style={{ fontSize: 15, lineHeight: "22px" }}>
          {l.label}: <Link href={l.url} style={{ color: message.brand.primaryColor, textDecoration: "underline" }}>{l.url}</Link>
        </Text>
      ))}
      {message.secondaryUrl ? (
        <Text style={{ fontSize: 12, color: "#4d4d4d" }}>
          {secondaryLabel}: {message.secondaryUrl.url}
        </Text>
      ) : null}
    </EmailLayout>
  );
  const oneClick = message.secondaryUrl?.labelKey === "unsubscribe" ? oneClickUnsubscribeUrl(message.secondaryUrl.url) : null;
  return {
    subject,
    html: await render(element),
    text: await render(element, { plainText: true }),
    ...(oneClick ? { headers: { "List-Unsubscribe": `<${oneClick}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } } : {}),
  };
}
