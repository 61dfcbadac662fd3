import { describe, expect, it } from 'vitest';
import { initialsOf } from './initials-of';

describe('initialsOf', () => {
  it.each([
    ['Sandbox Chef', 'SC'],
    ['Ana María de la Cruz', 'AC'],
    ['sandbox', 'S'],
    ['@sandbox_chef', 'SC'],
    ['olivia.owner@example.com', 'OO'],
    ['  élodie  ', 'É'],
    ['😀 Smile', '😀S'],
    ['', ''],
    ['@', ''],
  ])('%j → %j', (name, expected) => {
    expect(initialsOf(name)).toBe(expected);
  });
});
