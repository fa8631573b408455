import type { ReactElement } from 'react';
import { describe, expectTypeOf, it } from 'vitest';
import {
  Experience,
  type ExperienceConfiguration,
  type ExperienceProps,
  type FlagResult,
  MergeTag,
  type Profile,
  type Reference,
  useExperience,
  useFlag,
  type VariantRef,
} from '../src';

type HeroProps = { title: string; tone: string };
type HeroEntry = { id: string; title: string };
declare const experiences: ExperienceConfiguration<HeroEntry>[];
declare const Hero: (props: HeroProps) => ReactElement;

describe('<Experience> props (v7 shape)', () => {
  it('takes the baseline props with its id, the component and experiences', () => {
    <Experience id="hero-default" title="Welcome" tone="calm" component={Hero} experiences={experiences} />;
    <Experience
      id="hero-default"
      title="Welcome"
      component={Hero}
      experiences={experiences}
      passthroughProps={{ tone: 'loud' }}
      loadingComponent={() => <p>…</p>}
      trackClicks
      trackHovers={false}
    />;
  });

  it('like v7, needs only the id as long as no passthroughProps are given (the rest may come by spread)', () => {
    <Experience id="hero-default" component={Hero} experiences={experiences} />;
    const entry: { id: string; title: string; tone: string } = {
      id: 'hero-default',
      title: 'Welcome',
      tone: 'calm',
    };
    <Experience {...entry} component={Hero} experiences={experiences} />;
  });

  it('refuses a missing id, an unknown prop, a wrong prop type, and missing props beside passthroughProps', () => {
    // @ts-expect-error: the baseline's id is required
    <Experience title="Welcome" tone="calm" component={Hero} experiences={experiences} />;
    // @ts-expect-error: the component has no `color` prop
    <Experience id="hero-default" color="red" component={Hero} experiences={experiences} />;
    // @ts-expect-error: `title` is required once passthroughProps say which props are passed through
    <Experience
      id="hero-default"
      component={Hero}
      experiences={experiences}
      passthroughProps={{ tone: 'loud' }}
    />;
    // @ts-expect-error: title is a string
    <Experience id="hero-default" title={1} tone="calm" component={Hero} experiences={experiences} />;
    // @ts-expect-error: experiences are required
    <Experience id="hero-default" title="Welcome" tone="calm" component={Hero} />;
  });

  it('returns an element (JSX on TypeScript < 5.1 too)', () => {
    expectTypeOf(Experience<HeroProps>).returns.toEqualTypeOf<ReactElement>();
    expectTypeOf(MergeTag).returns.toEqualTypeOf<ReactElement | null>();
    expectTypeOf<ExperienceProps<HeroProps>['experiences']>().toEqualTypeOf<
      ExperienceConfiguration<Pick<HeroProps, never> & Reference>[]
    >();
  });
});

describe('useExperience (v7 return shape)', () => {
  it('narrows on status', () => {
    const result = useExperience({ baseline: { id: 'hero-default', title: 'Welcome' }, experiences });
    expectTypeOf(result.hasVariants).toEqualTypeOf<boolean>();
    if (result.status === 'loading') {
      expectTypeOf(result.variant).toEqualTypeOf<{ id: string; title: string }>();
      expectTypeOf(result.variantIndex).toEqualTypeOf<0>();
      expectTypeOf(result.profile).toEqualTypeOf<null>();
      expectTypeOf(result.experience).toEqualTypeOf<null>();
    } else if (result.status === 'success') {
      expectTypeOf(result.variant).toEqualTypeOf<{ id: string; title: string } | HeroEntry | VariantRef>();
      expectTypeOf(result.variantIndex).toEqualTypeOf<number>();
      expectTypeOf(result.profile).toEqualTypeOf<Profile>();
      expectTypeOf(result.audience).toEqualTypeOf<{ id: string } | null>();
      expectTypeOf(result.experience).toEqualTypeOf<ExperienceConfiguration<HeroEntry | VariantRef> | null>();
    } else {
      expectTypeOf(result.error).toEqualTypeOf<Error>();
    }
  });
});

describe('useFlag and MergeTag (v7 shapes)', () => {
  it('types the flag value by the default value', () => {
    expectTypeOf(useFlag<string>('cta-color', 'blue')).toEqualTypeOf<FlagResult<string>>();
    expectTypeOf(useFlag<number>('n', 1, { shouldAutoTrack: false }).value).toEqualTypeOf<number>();
    // As in v7, a literal default value gives a literal type.
    expectTypeOf(useFlag('cta-color', 'blue').value).toEqualTypeOf<'blue'>();
    expectTypeOf(useFlag('theme', { dark: true }).value).toEqualTypeOf<{ dark: boolean }>();
    // @ts-expect-error: a flag value is a string, number, boolean or object
    useFlag('x', undefined);
  });

  it('takes an id and an optional fallback', () => {
    <MergeTag id="traits.first_name" fallback="there" />;
    <MergeTag id="traits.first_name" />;
    // @ts-expect-error: id is required
    <MergeTag fallback="there" />;
  });
});
