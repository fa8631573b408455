import { act, render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MergeTag, NinetailedProvider } from '../src';
import { FakeNinetailed, makeProfile, successState } from './fakeNinetailed';

function Greeting({ id, fallback }: { id: string; fallback?: string }) {
  return (
    <p>
      Hello <MergeTag id={id} fallback={fallback} />!
    </p>
  );
}

function setup(ui: React.ReactNode, fake = new FakeNinetailed()) {
  const view = render(<NinetailedProvider ninetailed={fake.asNinetailed}>{ui}</NinetailedProvider>);
  return { fake, text: () => view.container.textContent };
}

const profile = makeProfile({
  traits: { first_name: 'Ada', plan: { tier: 'pro' }, visits: 3, vip: false, empty: '' },
  location: { city: 'Berlin' },
});

describe('<MergeTag>', () => {
  it('prints nothing while the profile is unknown, then the trait', () => {
    const { fake, text } = setup(<Greeting id="traits.first_name" fallback="there" />);
    expect(text()).toBe('Hello !');
    act(() => fake.publish(successState(profile)));
    expect(text()).toBe('Hello Ada!');
  });

  it('reads dotted paths into traits, location and session, numbers and booleans included', () => {
    const fake = new FakeNinetailed();
    fake.publish(successState(profile));
    const { text } = setup(
      <>
        <MergeTag id="traits.plan.tier" />|<MergeTag id="location.city" />|<MergeTag id="session.count" />|
        <MergeTag id="traits.visits" />|<MergeTag id="traits.vip" />
      </>,
      fake,
    );
    expect(text()).toBe('pro|Berlin|1|3|false');
  });

  it('accepts `_` for `.` (Contentful merge tag ids), keeping keys that contain `_`', () => {
    const fake = new FakeNinetailed();
    fake.publish(successState(profile));
    const { text } = setup(
      <>
        <MergeTag id="traits_first_name" />|<MergeTag id="location_city" />|<MergeTag id="traits_plan_tier" />
      </>,
      fake,
    );
    expect(text()).toBe('Ada|Berlin|pro');
  });

  it('prints the fallback for a missing, empty or non-printable value, and nothing without one', () => {
    const fake = new FakeNinetailed();
    fake.publish(successState(profile));
    const { text } = setup(
      <>
        <MergeTag id="traits.last_name" fallback="a" />|<MergeTag id="traits.empty" fallback="b" />|
        <MergeTag id="traits.plan" fallback="c" />|<MergeTag id="traits.constructor" fallback="d" />|
        <MergeTag id="traits.nope" />
      </>,
      fake,
    );
    expect(text()).toBe('a|b|c|d|');
  });
});
