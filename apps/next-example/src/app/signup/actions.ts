'use server';
import { trackServerEvent } from '@ninetailed/experience.js-next/server';
import { ninetailed } from '../../lib/ninetailedServer';

/** What the sign-up form shows after a submit. */
export interface SignUpState {
  done: boolean;
  error?: string;
  /** The profile the server's `signup` event reached (the visitor's own: the `ntaid` cookie). */
  profileId?: string;
}

/**
 * The sign-up form's server action: tracks `signup` from the server for the current visitor,
 * the same profile the browser's events go to.
 */
export async function signUp(_previous: SignUpState, form: FormData): Promise<SignUpState> {
  const plan = String(form.get('plan') ?? 'free');
  try {
    const { profile } = await trackServerEvent(ninetailed, 'signup', { plan });
    return { done: true, profileId: profile.id };
  } catch (error) {
    return { done: false, error: error instanceof Error ? error.message : String(error) };
  }
}
