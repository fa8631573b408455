import type { InitialProfile } from '@ninetailed/experience.js-next/server';
import { getServerSideNinetailedProfile } from '@ninetailed/experience.js-next/server';
import type { GetServerSideProps } from 'next';
import Head from 'next/head';
import { Hero } from '../../components/Hero';
import { ninetailed } from '../../lib/ninetailedServer';

/**
 * The Pages Router with server-side selection: getServerSideProps evaluates the page for the
 * visitor (nothing stored) and `_app` hands the result to the provider, so the hero's variant
 * is in the server HTML. (The other legacy pages are static: the browser selects.)
 */
export const getServerSideProps: GetServerSideProps<{ ninetailedProfile: InitialProfile | null }> = async (
  context,
) => ({ props: { ninetailedProfile: await getServerSideNinetailedProfile(ninetailed, context) } });

export default function Personalized() {
  return (
    <>
      <Head>
        <title>Personalized (Pages Router, SSR) · Ninetailed Next example</title>
      </Head>
      <h1>Personalized on the server (Pages Router)</h1>
      <Hero />
    </>
  );
}
