import { check, isName } from './check';
import type { StickyComponentView } from './componentView';

/**
 * Checks the component fields of a view (`trackStickyComponentView`, `observeElement`) and
 * returns them; throws `NinetailedInputError` naming the field. Not an object: the first field is
 * missing, and named. `experienceId` may be absent when `anyExperience` (a baseline shown
 * outside any experience).
 *
 * @example
 * ```ts
 * checkComponent({ componentType: 'Entry', componentId: 'hero-default', variantIndex: 0 }, true); // ok
 * checkComponent({ componentType: 'Entry', componentId: '', variantIndex: 0 }); // throws: componentId: must be a non-empty string
 * ```
 */
export function checkComponent(view: unknown, anyExperience?: boolean): StickyComponentView {
  const { componentType, componentId, experienceId, variantIndex } = Object(view) as StickyComponentView;
  check(componentType === 'Entry' || componentType === 'Variable', 'componentType', '"Entry" or "Variable"');
  check(isName(componentId), 'componentId', 'a non-empty string');
  check(
    (anyExperience && experienceId === undefined) || isName(experienceId),
    'experienceId',
    'a non-empty string',
  );
  check(Number.isSafeInteger(variantIndex) && variantIndex >= 0, 'variantIndex', 'an integer, 0 or more');
  return { componentType, componentId, experienceId, variantIndex };
}
