// A page of the same app: v7's README usages of the React binding.
import {
  Experience,
  type ExperienceConfiguration,
  MergeTag,
  type NinetailedProviderInstantiationProps,
  NinetailedProvider as ReactProvider,
  useNinetailed,
  useProfile,
} from '@ninetailed/experience.js-react';

type HeroEntry = { id: string; title: string };

const Hero = ({ title }: { title: string }) => <h1>{title}</h1>;

export const instantiation: NinetailedProviderInstantiationProps = {
  clientId: 'demo',
  environment: 'main',
  url: 'http://127.0.0.1:3030',
  componentViewTrackingThreshold: 2000,
  requestTimeout: 5000,
};

export function AddToCart() {
  const { track, page, identify } = useNinetailed<HeroEntry, HeroEntry>();
  return (
    <button
      type="button"
      onClick={() => {
        track('add_to_cart', { sku: '9T41L' });
        page({ category: 'shop' });
        identify('', { favoriteColor: 'red' });
      }}
    >
      Add to cart
    </button>
  );
}

export function Greeting() {
  const { loading, profile, error } = useProfile();
  if (loading) return <p>Loading…</p>;
  if (error) return <p>{error.message}</p>;
  return (
    <p>
      Hi <MergeTag id="traits.firstname" fallback="there" />, you are in {profile?.audiences.length ?? 0}{' '}
      audiences
    </p>
  );
}

export default function Home({ experiences }: { experiences: ExperienceConfiguration<HeroEntry>[] }) {
  return (
    <ReactProvider {...instantiation}>
      <Experience id="hero-default" title="Welcome" component={Hero} experiences={experiences} />
      <AddToCart />
      <Greeting />
    </ReactProvider>
  );
}
