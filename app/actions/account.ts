"use server";

import { citizenActionCtx, formValues, toFormState, type FormState } from "@/lib/auth/action-context";
import { signOut } from "@/lib/auth/auth";
import { deleteAccount } from "@/lib/account/delete-account";

/** Deletes the signed-in person's account after they retyped their email, then ends the session. */
export async function deleteAccountAction(_: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form);
  try {
    const { actor } = await citizenActionCtx();
    await deleteAccount({ actor, confirmEmail: values.confirmEmail ?? "" });
  } catch (error) {
    return toFormState(error, values);
  }
  await signOut({ redirectTo: "/account/eliminato" });
  return { ok: true };
}
