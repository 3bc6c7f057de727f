import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { requireStaff } from "@/lib/auth/session";
import { getTenant } from "@/lib/tenancy/get-tenant";
import { revokeApiKeyAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("apiKeys"))("title") };
}

/** Back office: the comune's API keys (Open311 POST); admins create and revoke them. */
export default async function ApiKeysPage({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await getTenant((await params).tenant);
  if (!tenant) notFound();
  const actor = await requireStaff(tenant, "api_keys.manage");
  const keys = await listApiKeys({ ctx: { tenant, actor } });
  const t = await getTranslations("apiKeys");
  const format = await getFormatter();
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "—");
  return (
    <main id="main" className="mx-auto max-w-4xl space-y-8 p-4 pb-16">
      <header className="pt-4">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="mt-2">{t("intro")}</p>
        <p className="mt-2">
          {t("docsLead")}{" "}
          {/* A route handler (Swagger UI), not a page: a full navigation, not next/link. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
          <a className="font-semibold text-blue-800 underline" href="/api/docs">
            {t("docsLink")}
          </a>
        </p>
      </header>
      <CreateApiKeyForm />
      <section aria-labelledby="keys-title">
        <h2 id="keys-title" className="text-xl font-semibold">
          {t("listTitle")}
        </h2>
        {keys.length === 0 ? (
          <p className="mt-2">{t("empty")}</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full min-w-[36rem] border-collapse text-left">
              <thead>
                <tr className="border-b border-gray-400">
                  <th scope="col" className="py-2 pr-3">{t("name")}</th>
                  <th scope="col" className="py-2 pr-3">{t("prefix")}</th>
                  <th scope="col" className="py-2 pr-3">{t("created")}</th>
                  <th scope="col" className="py-2 pr-3">{t("lastUsed")}</th>
                  <th scope="col" className="py-2">{t("state")}</th>
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => (
                  <tr key={k.id} className="border-b border-gray-200" data-testid="api-key-row">
                    <td className="py-2 pr-3">{k.name}</td>
                    <td className="py-2 pr-3 font-mono">{k.prefix}…</td>
                    <td className="py-2 pr-3">{when(k.createdAt)}</td>
                    <td className="py-2 pr-3">{when(k.lastUsedAt)}</td>
                    <td className="py-2">
                      {k.revokedAt ? (
                        t("revokedOn", { date: when(k.revokedAt) })
                      ) : (
                        <form action={revokeApiKeyAction}>
                          <input type="hidden" name="id" value={k.id} />
                          <button type="submit" className="rounded border border-red-800 px-3 py-1 font-semibold text-red-800">
                            {t("revoke", { name: k.name })}
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
