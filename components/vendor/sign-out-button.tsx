import { signOutAction } from "@/app/actions/auth";

export function SignOutButton({ label, who }: { label: string; who: string }) {
  return (
    <form action={signOutAction} className="flex items-center gap-3">
      <span className="text-sm">{who}</span>
      <button type="submit" className="rounded border border-white px-3 py-1 text-white">
        {label}
      </button>
    </form>
  );
}
