import {
  Experience,
  type ExperienceConfiguration,
  MergeTag,
  NinetailedProvider,
  useFlag,
} from '@ninetailed/experience.js-react';

type HeroEntry = { id: string; title: string };

// What your CMS mapper (or `mapExperience(v7PlainInput)`) gives: the demo configuration's hero.
const experiences: ExperienceConfiguration<HeroEntry>[] = [
  {
    id: 'news-hero',
    type: 'nt_personalization',
    audience: { id: 'news-readers' },
    trafficAllocation: 1,
    distribution: [
      { index: 0, start: 0, end: 0 },
      { index: 1, start: 0, end: 1 },
    ],
    components: [
      {
        type: 'EntryReplacement',
        baseline: { id: 'hero-default' },
        variants: [{ id: 'hero-news', title: 'News for you' }],
      },
    ],
  },
];

const Hero = ({ title, tone }: { title: string; tone?: string }) => <h1 className={tone}>{title}</h1>;

const Cta = () => {
  const { value: color } = useFlag('cta-color', 'blue' as string);
  return (
    <button type="button" style={{ background: color }}>
      Sign up
    </button>
  );
};

export const Home = () => (
  <NinetailedProvider
    clientId="demo"
    url="http://127.0.0.1:3030"
    experienceTimeout={3000}
    onError={console.warn}
  >
    <Experience
      id="hero-default"
      title="Welcome"
      component={Hero}
      experiences={experiences}
      passthroughProps={{ tone: 'loud' }}
    />
    <p>
      Hello <MergeTag id="traits.first_name" fallback="there" />!
    </p>
    <Cta />
  </NinetailedProvider>
);
