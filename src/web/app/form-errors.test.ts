import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { formErrorsOf, newPromiseField, sameField } from './form-errors';

const t = ((key: string) => key) as unknown as TFunction;

const problem = (errors: { path: string; code: string; message: string }[]) =>
  new ApiError({ status: 400, code: 'validation_failed', title: 'Bad Request', errors });

describe('the server field errors of a new promise', () => {
  it('land on the step field they are about', () => {
    const error = problem([
      { path: 'body.steps.0.dueDate', code: 'after_promise', message: 'x' },
      { path: 'body.steps.2.dueDate', code: 'in_the_past', message: 'x' },
      { path: 'body.steps.1.ownerMemberId', code: 'not_in_team', message: 'x' },
    ]);
    expect(formErrorsOf(t, error, newPromiseField)).toEqual({
      'steps.0.dueDate': 'promises.fieldErrors.after_promise',
      'steps.2.dueDate': 'promises.fieldErrors.in_the_past',
      'steps.1.ownerMemberId': 'promises.fieldErrors.not_in_team',
    });
  });

  it('map the customer, the offering and the day to their fields', () => {
    const error = problem([
      { path: 'body.customer.name', code: 'too_big', message: 'x' },
      { path: 'body.offeringId', code: 'unknown_offering', message: 'x' },
      { path: 'body.dueDate', code: 'in_the_past', message: 'x' },
      { path: 'body.steps', code: 'too_small', message: 'x' },
    ]);
    expect(formErrorsOf(t, error, newPromiseField)).toEqual({
      customerName: 'validation.too_big',
      offering: 'promises.fieldErrors.unknown_offering',
      dueDate: 'promises.fieldErrors.in_the_past',
      steps: 'validation.too_small',
    });
  });

  it('keep the first error of a field and leave out what is not about the body', () => {
    const error = problem([
      { path: 'headers.idempotency-key', code: 'invalid_format', message: 'x' },
      { path: 'body.dueDate', code: 'in_the_past', message: 'x' },
      { path: 'body.dueDate', code: 'invalid_format', message: 'x' },
    ]);
    expect(formErrorsOf(t, error, newPromiseField)).toEqual({ dueDate: 'promises.fieldErrors.in_the_past' });
  });

  it('give nothing for an error that is not from the API', () => {
    expect(formErrorsOf(t, new Error('boom'), newPromiseField)).toEqual({});
  });
});

describe('the small forms', () => {
  it('use the body path as the field', () => {
    expect(sameField('followUp.dueDate')).toBe('followUp.dueDate');
    expect(sameField('reason')).toBe('reason');
  });
});
