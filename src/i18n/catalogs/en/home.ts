/** The Home tab. */
export const home = {
  'home.title': 'Your AI adoption',
};
