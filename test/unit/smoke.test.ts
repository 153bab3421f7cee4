import {it,expect} from 'vitest'; it('u',()=>expect(1).toBe(1));
