import { getTranslations } from "next-intl/server";
import { CLUSTER_COLOUR, STATUS_COLOURS } from "@/components/map/status-colours";
import { REPORT_STATUSES } from "@/lib/reports/statuses";

/** Colour legend of the map; every colour is named, so the state never depends on colour alone. */
export async function MapLegend() {
  const [t, ts] = await Promise.all([getTranslations("citizens.map"), getTranslations("status")]);
  return (
    <div className="rounded-lg bg-white p-3 shadow-sm">
      <h3 className="font-semibold">{t("legend")}</h3>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {REPORT_STATUSES.map((s) => (
          <li key={s} className="flex items-center gap-2">
            <span aria-hidden="true" className="inline-block h-3 w-3 rounded-full border border-white" style={{ backgroundColor: STATUS_COLOURS[s] }} />
            {ts(s)}
          </li>
        ))}
        <li className="flex items-center gap-2">
          <span aria-hidden="true" className="inline-block h-4 w-4 rounded-full" style={{ backgroundColor: CLUSTER_COLOUR }} />
          {t("cluster")}
        </li>
      </ul>
    </div>
  );
}
