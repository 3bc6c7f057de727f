import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";

export type EmailBrand = { tenantName: string | null; primaryColor: string };

/** Common frame of every email: the comune's colour band and name, the message, a plain footer. */
export function EmailLayout({
  brand,
  preview,
  footer,
  lang,
  children,
}: {
  brand: EmailBrand;
  preview: string;
  footer: string;
  lang: string;
  children: React.ReactNode;
}) {
  return (
    <Html lang={lang}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f6f7f9", fontFamily: "Titillium Web, Helvetica, Arial, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", maxWidth: 560, margin: "24px auto" }}>
          <Section style={{ backgroundColor: brand.primaryColor, color: "#ffffff", padding: "16px 24px" }}>
            <Text style={{ fontSize: 18, fontWeight: 700, margin: 0, color: "#ffffff" }}>
              {brand.tenantName ?? "Piazza"}
            </Text>
          </Section>
          <Section style={{ padding: "8px 24px 16px" }}>{children}</Section>
          <Hr />
          <Text style={{ fontSize: 12, color: "#4d4d4d", padding: "0 24px" }}>{footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}
